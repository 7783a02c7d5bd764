import { Body, Controller, Param, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyIssuance } from '../../application/api-key-issuance';
import { CustomerRegistration } from '../../application/customer-registration';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { CreateCustomerDto } from '../dto/create-customer.dto';
import { ApiKeyIssuedView, CustomerCreatedView } from '../dto/customer.view';
import { ApiError } from '@rental/service-kit';
import { ApiErrorResponses } from '../http/api-error-responses';
import { requireUuid } from '../http/ids';
import { ADMIN_AUTH } from '../http/openapi';
import { presentCustomer } from '../presenters/customer.presenter';
import { iso } from '../presenters/iso';

@ApiTags('admin')
@ApiSecurity(ADMIN_AUTH)
@Controller('v1/admin/customers')
@UseGuards(AdminTokenGuard)
export class AdminCustomersController {
  constructor(
    private readonly registration: CustomerRegistration,
    private readonly apiKeys: ApiKeyIssuance,
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

  @Post(':customerId/api-keys')
  @ApiOperation({
    summary: 'Issue an API key for an existing customer',
    description:
      'For a customer the CRM registered (customer.registered on rental.crm.events.v1), which has no key until one is issued ' +
      'here, or for any customer that needs another key. The API key is in this response only; store it now. Keys issued ' +
      'before stay valid. 404 not_found when the gateway does not know the customer (yet: the CRM event may still be on its way).',
  })
  @ApiParam({ name: 'customerId', format: 'uuid', description: "The customer's id, as the CRM or the gateway gave it" })
  @ApiCreatedResponse({ type: ApiKeyIssuedView })
  @ApiErrorResponses(401, 404)
  async issueApiKey(@Param('customerId') customerId: string): Promise<ApiKeyIssuedView> {
    const issued = await this.apiKeys.issue(requireUuid(customerId, 'Customer'));
    if (!issued) throw ApiError.notFound('Customer');
    return { customer: presentCustomer(issued.customer), apiKey: issued.apiKey, keyPrefix: issued.keyPrefix, createdAt: iso(issued.createdAt) };
  }
}
