import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CustomerRegistration } from '../../application/customer-registration';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { CreateCustomerDto } from '../dto/create-customer.dto';
import { CustomerCreatedView } from '../dto/customer.view';
import { ApiErrorResponses } from '../http/api-error-responses';
import { ADMIN_AUTH } from '../http/openapi';
import { presentCustomer } from '../presenters/customer.presenter';

@ApiTags('admin')
@ApiSecurity(ADMIN_AUTH)
@Controller('v1/admin/customers')
@UseGuards(AdminTokenGuard)
export class AdminCustomersController {
  constructor(private readonly registration: CustomerRegistration) {}

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
}
