import type { Citation, Finding, FindingCode } from '@meshlens/model';
import { DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE } from './max-findings-per-node-and-code.constant';

/** What every finding a check reports under one code shares. */
export interface FindingKind {
  readonly code: FindingCode;
  readonly severity: Finding['severity'];
}

/** The part of a finding that names one problem: built only for findings that are listed or sampled. */
export type FindingDetail = Pick<Finding, 'subject' | 'message' | 'evidence'>;

/** Findings past the cap named in a summary's message, and the most citations the summary carries from them. */
const SUMMARY_SAMPLES = 3;
const SUMMARY_EVIDENCE = 6;

/**
 * The findings of one kind on one node (or on none) past the cap: counted, a few of them kept as examples, and
 * turned into one summary finding when the run ends, in the place of the first of them.
 */
export class FindingOverflow {
  count = 0;
  private readonly samples: string[] = [];
  private readonly evidence: Citation[] = [];

  constructor(
    readonly kind: FindingKind,
    readonly node: string | undefined,
    private readonly listed: number,
  ) {}

  get severity(): Finding['severity'] {
    return this.kind.severity;
  }

  add(about: () => string, detail: () => FindingDetail): void {
    this.count++;
    if (this.samples.length === SUMMARY_SAMPLES) return;
    this.samples.push(about());
    for (const c of detail().evidence) if (this.evidence.length < SUMMARY_EVIDENCE) this.evidence.push(c);
  }

  toFinding(): Finding {
    const { code, severity } = this.kind;
    const more = this.count > this.samples.length ? ', ...' : '';
    const what = this.listed > 0 ? `${this.count} more like the ${this.listed} above` : `${this.count} ${code} findings`;
    // The subject holds no count: the alert it raises stays the same one while the count moves.
    return {
      code,
      severity,
      ...(this.node === undefined ? {} : { node: this.node }),
      subject: this.node === undefined ? `${code}:more` : `${this.node}:${code}:more`,
      message: `${this.node === undefined ? '' : `${this.node}: `}${what}: ${this.samples.join(', ')}${more}`,
      evidence: [...this.evidence],
    };
  }
}

/** A place in a check's output: a finding, or the summary standing for those past the cap. */
export type FindingSlot = Finding | FindingOverflow;

export const slotToFinding = (slot: FindingSlot): Finding => (slot instanceof FindingOverflow ? slot.toFinding() : slot);

interface Group {
  listed: number;
  overflow?: FindingOverflow;
}

/**
 * Bounds what the checks report per (code, node): the first `maxPerNodeAndCode` findings are built and listed, the
 * rest only counted into one summary. Checks hand over a finding as functions, so past the cap no message or
 * citation is ever built: a cluster broken at scale costs memory in proportion to its nodes, not their pairs.
 * Which findings are listed follows the order they are offered in, so each check offers a node's findings of one code
 * in the order it lists them.
 */
export class FindingCollector {
  private readonly groups = new Map<FindingCode, Map<string | undefined, Group>>();

  constructor(readonly maxPerNodeAndCode = DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE) {
    // Infinity lists every finding, as before there was a cap.
    if (!(Number.isInteger(maxPerNodeAndCode) || maxPerNodeAndCode === Infinity) || maxPerNodeAndCode < 0) {
      throw new RangeError(`maxPerNodeAndCode must be a whole number >= 0 or Infinity, not ${maxPerNodeAndCode}`);
    }
  }

  /**
   * The finding to list, the new summary when this one is the first past the cap (to list in its place), or
   * undefined when the summary already listed counts it.
   */
  offer(kind: FindingKind, node: string | undefined, about: () => string, detail: () => FindingDetail): FindingSlot | undefined {
    const group = this.group(kind.code, node);
    if (group.listed < this.maxPerNodeAndCode) {
      group.listed++;
      return node === undefined ? { ...kind, ...detail() } : { ...kind, node, ...detail() };
    }
    const isNew = !group.overflow;
    group.overflow ??= new FindingOverflow(kind, node, group.listed);
    group.overflow.add(about, detail);
    return isNew ? group.overflow : undefined;
  }

  private group(code: FindingCode, node: string | undefined): Group {
    let byNode = this.groups.get(code);
    if (!byNode) this.groups.set(code, (byNode = new Map()));
    let group = byNode.get(node);
    if (!group) byNode.set(node, (group = { listed: 0 }));
    return group;
  }
}
