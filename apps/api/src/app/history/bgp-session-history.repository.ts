import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { BgpStateInterval } from './bgp-transitions';

/** Stored versions of one BGP session (BgpSession rows by natural key = BIRD protocol name). */
@Injectable()
export class BgpSessionHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Versions valid at some instant of [from, to], oldest first. */
  findStateIntervals(
    nodeId: number,
    session: string,
    from: Date,
    to: Date,
  ): Promise<BgpStateInterval[]> {
    return this.prisma.bgpSession.findMany({
      where: {
        nodeId,
        key: session,
        validFrom: { lte: to },
        OR: [{ validTo: null }, { validTo: { gt: from } }],
      },
      select: { bgpState: true, validFrom: true, validTo: true },
      orderBy: { validFrom: 'asc' },
    });
  }
}
