import {
  datastoreFindingsResponseSchema,
  datastoreStatusSchema,
  ipamBlocksResponseSchema,
  ipPoolsResponseSchema,
  subnetsResponseSchema,
} from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

export class SubnetsResponseDto extends createZodDto(subnetsResponseSchema) {}
export class IpPoolsResponseDto extends createZodDto(ipPoolsResponseSchema) {}
export class IpamBlocksResponseDto extends createZodDto(ipamBlocksResponseSchema) {}
export class DatastoreFindingsResponseDto extends createZodDto(datastoreFindingsResponseSchema) {}
export class DatastoreStatusDto extends createZodDto(datastoreStatusSchema) {}
