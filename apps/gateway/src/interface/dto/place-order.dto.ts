import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const SSH_PUBLIC_KEY =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

export class PlaceOrderDto {
  @ApiProperty({ format: 'uuid', description: 'A quote of yours from POST /v1/quotes, still valid' })
  @IsUUID()
  quoteId!: string;

  @ApiPropertyOptional({
    example: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl it@example',
    description: 'Installed for root; without it a root password is generated and shown once',
  })
  @IsOptional()
  @IsString()
  @Length(16, 16_384)
  @Matches(SSH_PUBLIC_KEY, { message: '$property must be an OpenSSH public key line, e.g. "ssh-ed25519 AAAA... you@host"' })
  sshPublicKey?: string;
}
