import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../access/access.decorators';
import { AccountsService } from './accounts.service';
import { CreateUserDto, UpdateUserDto } from './dto/account-requests.dto';
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

  @Patch(':userId')
  @AdminOnly()
  @ApiOkResponse({ type: UserDto })
  update(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() input: UpdateUserDto): Promise<UserDto> {
    return this.accounts.update(userId, input);
  }
}
