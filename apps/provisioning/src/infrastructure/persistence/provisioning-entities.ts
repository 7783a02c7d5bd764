import { AllocationEntity } from './allocation.entity';
import { CapacityHoldEntity } from './capacity-hold.entity';
import { HostEntity } from './host.entity';
import { IpAddressEntity } from './ip-address.entity';
import { IpRangeEntity } from './ip-range.entity';
import { MachineEntity } from './machine.entity';
import { MachineJobStepEntity } from './machine-job-step.entity';
import { OrderRequestEntity } from './order-request.entity';

/** Every table the service maps, for the data source. */
export const PROVISIONING_ENTITIES = [
  HostEntity,
  CapacityHoldEntity,
  AllocationEntity,
  IpRangeEntity,
  IpAddressEntity,
  OrderRequestEntity,
  MachineEntity,
  MachineJobStepEntity,
];
