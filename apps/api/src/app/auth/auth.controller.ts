import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { MeshlensErrorCode } from '../common/meshlens-error-code';
import { MeshlensException } from '../common/meshlens.exception';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthSessionDto, type AuthSession } from './auth.dto';
import type { RequestWithPrincipal } from './principal';
import { PublicRoute } from './route-access.decorator';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(@Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier) {}

  @Get('session')
  @PublicRoute()
  @ApiOperation({ summary: 'Whether the API needs a key (mode keys) or runs open, and the role of the key sent, if any' })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiErrorResponses(401)
  session(@Req() req: RequestWithPrincipal): AuthSession {
    if (this.keys.open) return { mode: 'open', role: 'admin' };
    const key = this.keys.identify(req.headers.authorization);
    if (key) return { mode: 'keys', role: key.role };
    if (req.headers.authorization) throw new MeshlensException(MeshlensErrorCode.Unauthorized, 'invalid API key');
    return { mode: 'keys', role: null };
  }
}
