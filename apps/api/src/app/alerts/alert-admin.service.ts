import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  Alert,
  AlertDetail,
  AlertReceiver,
  AlertRule,
  AlertSilence,
  CreateAlertReceiver,
  CreateAlertRule,
  CreateAlertSilence,
  UpdateAlertRule,
} from '@meshlens/model';
import { AlertDeliveryRepository } from './alert-delivery.repository';
import { AlertRepository } from './alert.repository';
import { AlertsService, toPublicAlert } from './alerts.service';

/** What operators change through the API: rules, silences, receivers, acknowledgements. */
@Injectable()
export class AlertAdminService {
  constructor(
    private readonly alerts: AlertsService,
    private readonly repository: AlertRepository,
    private readonly outbox: AlertDeliveryRepository,
  ) {}

  async detail(id: string): Promise<AlertDetail> {
    await this.alerts.settled();
    const alert = await this.repository.findAlertById(id);
    if (!alert) throw new NotFoundException(`no alert ${id}`);
    return { alert: toPublicAlert(alert), history: await this.repository.findHistoryByAlertId(id) };
  }

  async ack(id: string, by: string): Promise<Alert> {
    const alert = await this.alerts.command({ type: 'ack', id, by });
    if (!alert) throw new NotFoundException(`no alert ${id}`);
    return toPublicAlert(alert);
  }

  async silenceAlert(id: string, request: Omit<CreateAlertSilence, 'matchers'>): Promise<AlertSilence> {
    const alert = await this.alerts.command({ type: 'find', id });
    if (!alert) throw new NotFoundException(`no alert ${id}`);
    return this.createSilence({ ...request, matchers: { ruleId: alert.ruleId, node: alert.node, subject: alert.subject } });
  }

  listRules(): Promise<AlertRule[]> {
    return this.repository.findRules();
  }

  async createRule(request: CreateAlertRule): Promise<AlertRule> {
    const rules = await this.repository.findRules();
    if (rules.some((r) => r.id === request.id)) throw new ConflictException(`alert rule ${request.id} exists`);
    const rule = await this.repository.createRule({ ...request, builtin: false }, new Date());
    await this.reloadRules();
    return rule;
  }

  async updateRule(id: string, patch: UpdateAlertRule): Promise<AlertRule> {
    const existing = (await this.repository.findRules()).find((r) => r.id === id);
    if (!existing) throw new NotFoundException(`no alert rule ${id}`);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const rule = await this.repository.updateRule({ ...existing, ...defined }, new Date());
    await this.reloadRules();
    return rule;
  }

  async deleteRule(id: string): Promise<void> {
    const existing = (await this.repository.findRules()).find((r) => r.id === id);
    if (!existing) throw new NotFoundException(`no alert rule ${id}`);
    if (existing.builtin) throw new BadRequestException(`${id} is a default rule: disable it (enabled: false) instead`);
    await this.repository.deleteRule(id);
    await this.reloadRules();
  }

  listSilences(): Promise<AlertSilence[]> {
    return this.repository.findActiveSilences(new Date());
  }

  async createSilence(request: CreateAlertSilence): Promise<AlertSilence> {
    const now = Date.now();
    const endsAt = request.endsAt ? Date.parse(request.endsAt) : now + (request.durationSeconds ?? 0) * 1000;
    if (endsAt <= now) throw new BadRequestException('endsAt is in the past');
    const silence = await this.repository.createSilence({
      id: randomUUID(),
      matchers: request.matchers,
      comment: request.comment,
      createdBy: request.createdBy,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    });
    await this.alerts.command({ type: 'add-silence', silence });
    return silence;
  }

  async expireSilence(id: string): Promise<void> {
    if (!(await this.repository.expireSilence(id, new Date()))) throw new NotFoundException(`no active silence ${id}`);
    await this.alerts.command({ type: 'remove-silence', id });
  }

  listReceivers(): Promise<AlertReceiver[]> {
    return this.outbox.findReceivers();
  }

  async createReceiver(request: CreateAlertReceiver): Promise<AlertReceiver> {
    const receivers = await this.outbox.findReceivers();
    if (receivers.some((r) => r.name === request.name)) throw new ConflictException(`receiver ${request.name} exists`);
    const receiver = await this.outbox.createReceiver({ id: randomUUID(), ...request }, new Date());
    await this.alerts.command({ type: 'reload-receivers' });
    return receiver;
  }

  async deleteReceiver(id: string): Promise<void> {
    if (!(await this.outbox.deleteReceiver(id))) throw new NotFoundException(`no receiver ${id}`);
    await this.alerts.command({ type: 'reload-receivers' });
  }

  private async reloadRules(): Promise<void> {
    await this.alerts.command({ type: 'reload-rules' });
  }
}
