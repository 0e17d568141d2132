import { atQuerySchema, findingSchema, pathExplanationSchema, pathQuerySchema, topologySchema } from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

export class AtQueryDto extends createZodDto(atQuerySchema) {}
export class PathQueryDto extends createZodDto(pathQuerySchema) {}
export class TopologyDto extends createZodDto(topologySchema) {}
export class PathExplanationDto extends createZodDto(pathExplanationSchema) {}
export class FindingDto extends createZodDto(findingSchema) {}
