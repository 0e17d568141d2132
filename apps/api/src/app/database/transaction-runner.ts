import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from './prisma.service';

/** Handle of an open transaction; services pass it to repositories without looking inside. */
export type Tx = Prisma.TransactionClient;
/** What repositories query through: the client itself or an open transaction. */
export type Db = PrismaService | Tx;

// A 200k-row report must not trip Prisma's 5 s default.
const TRANSACTION_TIMEOUT_MS = 120_000;

@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 });
  }
}
