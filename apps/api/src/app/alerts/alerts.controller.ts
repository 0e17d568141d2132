import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Alert, AlertDetail, AlertList, AlertReceiver, AlertRule, AlertSilence } from '@meshlens/model';
import { RequireRole } from '../auth/route-access.decorator';
import { AlertAdminService } from './alert-admin.service';
import { AlertsService } from './alerts.service';
import {
  AckAlertDto,
  AlertDetailDto,
  AlertDto,
  AlertListDto,
  AlertListQueryDto,
  AlertReceiverDto,
  AlertReceiverListDto,
  AlertRuleDto,
  AlertRuleListDto,
  AlertSilenceDto,
  AlertSilenceListDto,
  CreateAlertReceiverDto,
  CreateAlertRuleDto,
  CreateAlertSilenceDto,
  SilenceAlertDto,
  UpdateAlertRuleDto,
} from './alerts.dto';

@ApiTags('alerts')
@Controller({ version: '1' })
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly admin: AlertAdminService,
  ) {}

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts, most recently changed first; state=pending|firing|resolved, node, ruleId, limit' })
  @ApiOkResponse({ type: AlertListDto })
  async list(@Query() query: AlertListQueryDto): Promise<AlertList> {
    return { alerts: await this.alerts.listAlerts(query) };
  }

  @Get('alerts/:id')
  @ApiOperation({ summary: 'One alert with its full history (pending, firing, resolved, flaps, acks, silences)' })
  @ApiOkResponse({ type: AlertDetailDto })
  detail(@Param('id') id: string): Promise<AlertDetail> {
    return this.admin.detail(id);
  }

  @Post('alerts/:id/ack')
  @RequireRole('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an alert (recorded; notifications go on)' })
  @ApiOkResponse({ type: AlertDto })
  ack(@Param('id') id: string, @Body() body: AckAlertDto): Promise<Alert> {
    return this.admin.ack(id, body.by);
  }

  @Post('alerts/:id/silence')
  @RequireRole('operator')
  @ApiOperation({ summary: "Silence this alert's rule + node + subject until endsAt or for durationSeconds" })
  @ApiOkResponse({ type: AlertSilenceDto })
  silence(@Param('id') id: string, @Body() body: SilenceAlertDto): Promise<AlertSilence> {
    return this.admin.silenceAlert(id, body);
  }

  @Get('alert-silences')
  @ApiOperation({ summary: 'Silences that have not ended' })
  @ApiOkResponse({ type: AlertSilenceListDto })
  async silences(): Promise<{ silences: AlertSilence[] }> {
    return { silences: await this.admin.listSilences() };
  }

  @Post('alert-silences')
  @RequireRole('operator')
  @ApiOperation({ summary: 'Silence alerts matching ruleId / node / subject (exact or glob with *)' })
  @ApiOkResponse({ type: AlertSilenceDto })
  createSilence(@Body() body: CreateAlertSilenceDto): Promise<AlertSilence> {
    return this.admin.createSilence(body);
  }

  @Delete('alert-silences/:id')
  @RequireRole('operator')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a silence now' })
  expireSilence(@Param('id') id: string): Promise<void> {
    return this.admin.expireSilence(id);
  }

  @Get('alert-rules')
  @ApiOperation({ summary: 'Alert rules (defaults and your own)' })
  @ApiOkResponse({ type: AlertRuleListDto })
  async rules(): Promise<{ rules: AlertRule[] }> {
    return { rules: await this.admin.listRules() };
  }

  @Post('alert-rules')
  @ApiOperation({ summary: 'Add an alert rule' })
  @ApiOkResponse({ type: AlertRuleDto })
  createRule(@Body() body: CreateAlertRuleDto): Promise<AlertRule> {
    return this.admin.createRule(body);
  }

  @Patch('alert-rules/:id')
  @ApiOperation({ summary: 'Change a rule (name, enabled, severity, forSeconds, scope, params); takes effect at once' })
  @ApiOkResponse({ type: AlertRuleDto })
  updateRule(@Param('id') id: string, @Body() body: UpdateAlertRuleDto): Promise<AlertRule> {
    return this.admin.updateRule(id, body);
  }

  @Delete('alert-rules/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule of your own (default rules can only be disabled)' })
  deleteRule(@Param('id') id: string): Promise<void> {
    return this.admin.deleteRule(id);
  }

  @Get('alert-receivers')
  // Receiver URLs may carry credentials (a token in the path or query).
  @RequireRole('admin')
  @ApiOperation({ summary: 'Webhook receivers' })
  @ApiOkResponse({ type: AlertReceiverListDto })
  async receivers(): Promise<{ receivers: AlertReceiver[] }> {
    return { receivers: await this.admin.listReceivers() };
  }

  @Post('alert-receivers')
  @ApiOperation({ summary: 'Add a webhook receiver (format alertmanager: Alertmanager webhook JSON v4; json: the alert as is)' })
  @ApiOkResponse({ type: AlertReceiverDto })
  createReceiver(@Body() body: CreateAlertReceiverDto): Promise<AlertReceiver> {
    return this.admin.createReceiver(body);
  }

  @Delete('alert-receivers/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook receiver (and its undelivered notifications)' })
  deleteReceiver(@Param('id') id: string): Promise<void> {
    return this.admin.deleteReceiver(id);
  }
}
