import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io on every replica shares its broadcasts through Redis, so a browser connected to any replica sees
 * events raised on any other (an alert fired by the owner, whichever replica the report came in on).
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(app: INestApplicationContext, url: string, private readonly prefix: string) {
    super(app);
    this.pub = new Redis(url, { lazyConnect: true, connectionName: 'meshlens-socket.io' });
    this.sub = this.pub.duplicate();
    for (const client of [this.pub, this.sub]) client.on('error', () => undefined);
  }

  /** Connects both clients; call before the app listens so the first broadcast already crosses replicas. */
  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(createAdapter(this.pub, this.sub, { key: `${this.prefix}:socket.io` }));
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all([this.pub.quit().catch(() => undefined), this.sub.quit().catch(() => undefined)]);
  }
}
