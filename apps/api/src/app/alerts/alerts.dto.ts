import {
  ackAlertSchema,
  alertDetailSchema,
  alertListQuerySchema,
  alertListSchema,
  alertReceiverListSchema,
  alertReceiverSchema,
  alertRuleSchema,
  alertSchema,
  alertSilenceListSchema,
  alertSilenceSchema,
  createAlertReceiverSchema,
  createAlertRuleSchema,
  createAlertSilenceSchema,
  updateAlertRuleSchema,
} from '@meshlens/model';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AlertDto extends createZodDto(alertSchema) {}
export class AlertListDto extends createZodDto(alertListSchema) {}
export class AlertListQueryDto extends createZodDto(alertListQuerySchema) {}
export class AlertDetailDto extends createZodDto(alertDetailSchema) {}
export class AckAlertDto extends createZodDto(ackAlertSchema) {}
export class AlertRuleDto extends createZodDto(alertRuleSchema) {}
export class AlertRuleListDto extends createZodDto(z.object({ rules: z.array(alertRuleSchema) })) {}
export class CreateAlertRuleDto extends createZodDto(createAlertRuleSchema) {}
export class UpdateAlertRuleDto extends createZodDto(updateAlertRuleSchema) {}
export class AlertSilenceDto extends createZodDto(alertSilenceSchema) {}
export class AlertSilenceListDto extends createZodDto(alertSilenceListSchema) {}
export class CreateAlertSilenceDto extends createZodDto(createAlertSilenceSchema) {}
export class SilenceAlertDto extends createZodDto(
  z
    .object({
      comment: z.string().max(1000).default(''),
      createdBy: z.string().min(1).max(200).default('api'),
      endsAt: z.iso.datetime({ offset: true }).optional(),
      durationSeconds: z.number().positive().max(366 * 86_400).optional(),
    })
    .refine((s) => !!s.endsAt !== (s.durationSeconds !== undefined), 'give exactly one of endsAt and durationSeconds'),
) {}
export class AlertReceiverDto extends createZodDto(alertReceiverSchema) {}
export class AlertReceiverListDto extends createZodDto(alertReceiverListSchema) {}
export class CreateAlertReceiverDto extends createZodDto(createAlertReceiverSchema) {}
