import {
  bgpTransitionsQuerySchema,
  bgpTransitionsSchema,
  changeFeedPageSchema,
  changeFeedQuerySchema,
  counterRatesQuerySchema,
  counterRatesSchema,
  nodeChangesQuerySchema,
  nodeChangesSchema,
} from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

export class NodeChangesQueryDto extends createZodDto(nodeChangesQuerySchema) {}
export class NodeChangesDto extends createZodDto(nodeChangesSchema) {}
export class ChangeFeedQueryDto extends createZodDto(changeFeedQuerySchema) {}
export class ChangeFeedPageDto extends createZodDto(changeFeedPageSchema) {}
export class BgpTransitionsQueryDto extends createZodDto(
  bgpTransitionsQuerySchema,
) {}
export class BgpTransitionsDto extends createZodDto(bgpTransitionsSchema) {}
export class CounterRatesQueryDto extends createZodDto(
  counterRatesQuerySchema,
) {}
export class CounterRatesDto extends createZodDto(counterRatesSchema) {}
