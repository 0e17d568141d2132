import {
  addressSchema,
  bgpSessionSchema,
  cniConfigSchema,
  fdbEntrySchema,
  linkSchema,
  neighborSchema,
  nodeSummarySchema,
  routeSchema,
  tableQuerySchema,
} from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

export class NodeSummaryDto extends createZodDto(nodeSummarySchema) {}
export class TableQueryDto extends createZodDto(tableQuerySchema) {}
export class LinkDto extends createZodDto(linkSchema) {}
export class AddressDto extends createZodDto(addressSchema) {}
export class RouteDto extends createZodDto(routeSchema) {}
export class NeighborDto extends createZodDto(neighborSchema) {}
export class FdbEntryDto extends createZodDto(fdbEntrySchema) {}
export class BgpSessionDto extends createZodDto(bgpSessionSchema) {}
export class CniConfigDto extends createZodDto(cniConfigSchema) {}
