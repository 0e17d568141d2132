import { Injectable } from '@nestjs/common';
import type { Counters } from '@meshlens/model';
import type { Tx } from '../database/transaction-runner';

/** Interface counter samples, one row per interface per report. */
@Injectable()
export class CounterSampleRepository {
  async insertSamples(tx: Tx, nodeId: number, ts: Date, counters: Counters[]): Promise<void> {
    if (counters.length === 0) return;
    await tx.counterSample.createMany({
      data: counters.map((c) => ({
        nodeId,
        ts,
        ifname: c.ifname,
        rxBytes: BigInt(c.rxBytes),
        rxPackets: BigInt(c.rxPackets),
        rxErrors: BigInt(c.rxErrors),
        rxDropped: BigInt(c.rxDropped),
        txBytes: BigInt(c.txBytes),
        txPackets: BigInt(c.txPackets),
        txErrors: BigInt(c.txErrors),
        txDropped: BigInt(c.txDropped),
      })),
    });
  }
}
