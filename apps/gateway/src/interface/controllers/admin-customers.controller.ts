import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@rental/clock';
import { ApiError } from '@rental/service-kit';
import { IssueApiKeyHandler } from '../../application/commands/issue-api-key.handler';
import { RegisterCustomerHandler } from '../../application/commands/register-customer.handler';
import { RevokeApiKeyHandler } from '../../application/commands/revoke-api-key.handler';
import { RotateApiKeyHandler } from '../../application/commands/rotate-api-key.handler';
import { ApiKeyQueries } from '../../application/queries/api-key.queries';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiKeyListView, ApiKeyRotatedView, ApiKeyView, CreateApiKeyDto } from '../dto/api-key.view';
import { CreateCustomerDto } from '../dto/create-customer.dto';
import { ApiKeyIssuedView, CustomerCreatedView } from '../dto/customer.view';
import { ApiErrorResponses } from '../http/api-error-responses';
import { requireFutureExpiry } from '../http/api-key-expiry';
import { requireUuid } from '../http/ids';
import { ADMIN_AUTH } from '../http/openapi';
import { ApiRateLimited } from '../http/rate-limits';
import { toApiError } from '../http/to-api-error';
import { presentApiKey, presentRotation } from '../presenters/api-key.presenter';
import { presentCustomer } from '../presenters/customer.presenter';
import { iso } from '../presenters/iso';

@ApiTags('admin')
@ApiSecurity(ADMIN_AUTH)
@ApiRateLimited()
@Controller('v1/admin/customers')
@UseGuards(AdminTokenGuard)
export class AdminCustomersController {
  constructor(
    private readonly registration: RegisterCustomerHandler,
    private readonly apiKeys: ApiKeyQueries,
    private readonly issueKey: IssueApiKeyHandler,
    private readonly revokeKey: RevokeApiKeyHandler,
    private readonly rotateKey: RotateApiKeyHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a customer with an API key', description: 'The API key is in this response only; store it now.' })
  @ApiCreatedResponse({ type: CustomerCreatedView })
  @ApiErrorResponses(400, 401)
  async create(@Body() body: CreateCustomerDto): Promise<CustomerCreatedView> {
    const { customer, apiKey } = await this.registration.register({
      name: body.name,
      email: body.email,
      language: body.language,
      country: body.country,
      kind: body.kind,
      vatNumber: body.vatNumber,
    });
    return { customer: presentCustomer(customer), apiKey };
  }

  @Get(':customerId/api-keys')
  @ApiOperation({ summary: "A customer's API keys, active, revoked and expired, the oldest first", description: 'Never a secret or a hash.' })
  @ApiParam({ name: 'customerId', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyListView })
  @ApiErrorResponses(401, 404)
  async listApiKeys(@Param('customerId') customerId: string): Promise<ApiKeyListView> {
    const keys = await this.apiKeys.list(requireUuid(customerId, 'Customer'));
    if (!keys) throw ApiError.notFound('Customer');
    const now = this.clock.now();
    return { data: keys.map((key) => presentApiKey(key, now)) };
  }

  @Post(':customerId/api-keys')
  @ApiOperation({
    summary: 'Issue an API key for an existing customer',
    description:
      'For a customer the CRM registered (customer.registered on rental.crm.events.v1), which has no key until one is issued ' +
      'here, or for any customer that needs another key. The API key is in this response only; store it now. Keys issued ' +
      'before stay valid. With `expiresAt` the key stops working by itself then. 404 not_found when the gateway does not know ' +
      'the customer (yet: the CRM event may still be on its way).',
  })
  @ApiParam({ name: 'customerId', format: 'uuid', description: "The customer's id, as the CRM or the gateway gave it" })
  @ApiBody({ type: CreateApiKeyDto, required: false })
  @ApiCreatedResponse({ type: ApiKeyIssuedView })
  @ApiErrorResponses(400, 401, 404)
  async issueApiKey(@Param('customerId') customerId: string, @Body() body: CreateApiKeyDto): Promise<ApiKeyIssuedView> {
    const now = this.clock.now();
    const issued = await this.issueKey.issue(requireUuid(customerId, 'Customer'), requireFutureExpiry(body.expiresAt, now));
    if (!issued) throw ApiError.notFound('Customer');
    return {
      customer: presentCustomer(issued.customer),
      id: issued.key.id,
      apiKey: issued.secret,
      keyPrefix: issued.key.keyPrefix,
      createdAt: iso(issued.key.createdAt),
      ...(issued.key.expiresAt ? { expiresAt: iso(issued.key.expiresAt) } : {}),
    };
  }

  @Delete(':customerId/api-keys/:keyId')
  @ApiOperation({
    summary: "Revoke one of a customer's API keys",
    description: 'Refused from the next request on (401 api_key_revoked); the last active key too (an operator may lock a customer out).',
  })
  @ApiParam({ name: 'customerId', format: 'uuid' })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiErrorResponses(401, 404)
  async revokeApiKey(@Param('customerId') customerId: string, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    const answer = await this.revokeKey.revoke(requireUuid(customerId, 'Customer'), requireUuid(keyId, 'API key'), false);
    if (answer.kind !== 'revoked') throw toApiError(answer);
    return presentApiKey(answer.key, this.clock.now());
  }

  @Post(':customerId/api-keys/:keyId/rotate')
  @HttpCode(201)
  @ApiOperation({
    summary: "Replace one of a customer's API keys with a new secret",
    description: 'The new key is in this response only; the old one is revoked at once. 409 api_key_not_active for a revoked or expired key.',
  })
  @ApiParam({ name: 'customerId', format: 'uuid' })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiCreatedResponse({ type: ApiKeyRotatedView })
  @ApiErrorResponses(401, 404, 409)
  async rotateApiKey(@Param('customerId') customerId: string, @Param('keyId') keyId: string): Promise<ApiKeyRotatedView> {
    const answer = await this.rotateKey.rotate(requireUuid(customerId, 'Customer'), requireUuid(keyId, 'API key'));
    if (answer.kind !== 'rotated') throw toApiError(answer);
    return presentRotation(answer, this.clock.now());
  }
}
