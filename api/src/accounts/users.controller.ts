import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../access/access.decorators';
import { AccountsService } from './accounts.service';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/account-requests.dto';
import { UserDto } from './dto/user.dto';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @AdminOnly()
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.accounts.list();
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() input: CreateUserDto): Promise<UserDto> {
    return this.accounts.createUser(input);
  }

  /** Sets a user's password (they forgot it); audited, and every session of the user ends. */
  @Post(':userId/password')
  @AdminOnly()
  @HttpCode(204)
  async resetPassword(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() input: ResetPasswordDto): Promise<void> {
    await this.accounts.resetPassword(userId, input.newPassword);
  }

  @Patch(':userId')
  @AdminOnly()
  @ApiOkResponse({ type: UserDto })
  update(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() input: UpdateUserDto): Promise<UserDto> {
    return this.accounts.update(userId, input);
  }
}
