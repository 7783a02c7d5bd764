import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@rental/clock';
import { ApiError } from '@rental/service-kit';
import { IssueApiKeyHandler } from '../../application/commands/issue-api-key.handler';
import { RevokeApiKeyHandler } from '../../application/commands/revoke-api-key.handler';
import { RotateApiKeyHandler } from '../../application/commands/rotate-api-key.handler';
import type { Customer } from '../../application/ports/customer-store';
import { ApiKeyQueries } from '../../application/queries/api-key.queries';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentApiKeyId, CurrentCustomer } from '../auth/current-customer.decorator';
import { ApiKeyCreatedView, ApiKeyListView, ApiKeyRotatedView, ApiKeyView, CreateApiKeyDto } from '../dto/api-key.view';
import { ApiErrorResponses } from '../http/api-error-responses';
import { requireFutureExpiry } from '../http/api-key-expiry';
import { requireUuid } from '../http/ids';
import { BEARER_AUTH } from '../http/openapi';
import { ApiRateLimited } from '../http/rate-limits';
import { toApiError } from '../http/to-api-error';
import { presentApiKey, presentCreatedApiKey, presentRotation } from '../presenters/api-key.presenter';

/** A customer's own API keys. Another customer's key id answers 404, like one that does not exist. */
@ApiTags('api keys')
@ApiBearerAuth(BEARER_AUTH)
@ApiRateLimited()
@Controller('v1/api-keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(
    private readonly apiKeys: ApiKeyQueries,
    private readonly issueKey: IssueApiKeyHandler,
    private readonly revokeKey: RevokeApiKeyHandler,
    private readonly rotateKey: RotateApiKeyHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your API keys, active, revoked and expired, the oldest first; `current` marks the one this request used' })
  @ApiOkResponse({ type: ApiKeyListView })
  @ApiErrorResponses(401)
  async list(@CurrentCustomer() customer: Customer, @CurrentApiKeyId() keyId: string): Promise<ApiKeyListView> {
    const now = this.clock.now();
    return { data: ((await this.apiKeys.list(customer.id)) ?? []).map((key) => presentApiKey(key, now, keyId)) };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create another API key',
    description: 'The key is in this response only; store it now. Your other keys stay valid. With `expiresAt` the key stops working by itself then.',
  })
  @ApiBody({ type: CreateApiKeyDto, required: false })
  @ApiCreatedResponse({ type: ApiKeyCreatedView })
  @ApiErrorResponses(400, 401)
  async create(@CurrentCustomer() customer: Customer, @Body() body: CreateApiKeyDto): Promise<ApiKeyCreatedView> {
    const now = this.clock.now();
    const issued = await this.issueKey.issue(customer.id, requireFutureExpiry(body.expiresAt, now));
    if (!issued) throw ApiError.notFound('Customer');
    return presentCreatedApiKey(issued.key, issued.secret, now);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke one of your API keys',
    description:
      'Refused from the next request on (401 api_key_revoked). Any of your keys may be revoked, the one of this request too, ' +
      'except your only active key (409 last_api_key): create another first, or rotate it. Revoking a revoked key answers it as it is.',
  })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiErrorResponses(401, 404, 409)
  async revoke(@CurrentCustomer() customer: Customer, @CurrentApiKeyId() currentKeyId: string, @Param('id') id: string): Promise<ApiKeyView> {
    const answer = await this.revokeKey.revoke(customer.id, requireUuid(id, 'API key'), true);
    if (answer.kind !== 'revoked') throw toApiError(answer);
    return presentApiKey(answer.key, this.clock.now(), currentKeyId);
  }

  @Post(':id/rotate')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Replace one of your API keys with a new secret',
    description:
      'The new key is in this response only; the old one is revoked at once (rotate a key that may have leaked). To move ' +
      'without a gap, create a second key, switch to it, then revoke the first. The new key expires when the old one would have. ' +
      'A revoked or expired key cannot be rotated (409 api_key_not_active).',
  })
  @ApiCreatedResponse({ type: ApiKeyRotatedView })
  @ApiErrorResponses(401, 404, 409)
  async rotate(@CurrentCustomer() customer: Customer, @Param('id') id: string): Promise<ApiKeyRotatedView> {
    const answer = await this.rotateKey.rotate(customer.id, requireUuid(id, 'API key'));
    if (answer.kind !== 'rotated') throw toApiError(answer);
    return presentRotation(answer, this.clock.now());
  }
}
