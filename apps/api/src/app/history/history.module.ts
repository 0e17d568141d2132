import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module';
import { BgpSessionHistoryRepository } from './bgp-session-history.repository';
import { CounterHistoryRepository } from './counter-history.repository';
import { CounterRatesReader } from './counter-rates.reader';
import { HISTORY_CONFIG, loadHistoryConfig } from './history-config';
import { HistoryController } from './history.controller';
import { HistoryMaintenanceRepository } from './history-maintenance.repository';
import { HistoryMaintenanceService } from './history-maintenance.service';
import { HistoryService } from './history.service';
import { RowChangeRepository } from './row-change.repository';

/** Time travel over the node tables: changes, the change feed, BGP transitions, counter rates, and retention. */
@Module({
  imports: [NodesModule],
  controllers: [HistoryController],
  providers: [
    { provide: HISTORY_CONFIG, useFactory: () => loadHistoryConfig() },
    HistoryService,
    RowChangeRepository,
    BgpSessionHistoryRepository,
    CounterHistoryRepository,
    CounterRatesReader,
    HistoryMaintenanceRepository,
    HistoryMaintenanceService,
  ],
  exports: [HistoryMaintenanceService],
})
export class HistoryModule {}
