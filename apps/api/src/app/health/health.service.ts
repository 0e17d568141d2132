import { Injectable } from '@nestjs/common';
import { HealthRepository } from './health.repository';

export interface Health {
  status: 'ok';
}

@Injectable()
export class HealthService {
  constructor(private readonly repository: HealthRepository) {}

  async check(): Promise<Health> {
    await this.repository.ping();
    return { status: 'ok' };
  }
}
