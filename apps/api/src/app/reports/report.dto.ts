import { nodeReportSchema, reportAckSchema } from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

/**
 * A union (full | delta) cannot be a class to extend, so this DTO only documents the body (the controller
 * validates with the schema) and gets its OpenAPI name set by hand.
 */
export const NodeReportDto = createZodDto(nodeReportSchema);
Object.defineProperty(NodeReportDto, 'name', { value: 'NodeReportDto' });

export class ReportAckDto extends createZodDto(reportAckSchema) {}
