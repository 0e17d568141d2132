import { Module } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { AnalysisModule } from '../analysis/analysis.module';
import { DATASTORE_CONFIG, loadDatastoreConfig } from './datastore-config';
import { DatastoreController } from './datastore.controller';
import { DatastoreRepository } from './datastore.repository';
import { DatastoreService } from './datastore.service';
import { DatastoreSyncService } from './datastore-sync.service';

/** Flannel's and Calico's etcd data: watched into Postgres, served with cross-checks. Config from MESHLENS_ETCD_*. */
@Module({
  imports: [AnalysisModule],
  controllers: [DatastoreController],
  providers: [
    { provide: DATASTORE_CONFIG, useFactory: () => loadDatastoreConfig(process.env) },
    TransactionRunner,
    DatastoreRepository,
    DatastoreSyncService,
    DatastoreService,
  ],
  exports: [DatastoreService],
})
export class DatastoreModule {}
