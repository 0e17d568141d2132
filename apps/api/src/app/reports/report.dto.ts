import { nodeReportSchema, reportAckSchema } from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';

/** A union (full | delta) cannot be a class to extend; the DTO documents the body, the pipe validates it. */
export const NodeReportDto = createZodDto(nodeReportSchema);
export class ReportAckDto extends createZodDto(reportAckSchema) {}
