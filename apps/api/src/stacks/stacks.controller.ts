import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../common/openapi.js';
import { CreateStackSchema, SetLoadSchema, StacksService } from './stacks.service.js';

@ApiTags('stacks')
@ApiBearerAuth()
@Controller('api/stacks')
export class StacksController {
  constructor(private readonly stacks: StacksService) {}

  @Post()
  @ApiOperation({ summary: 'Start an isolated demo-shop stack (child processes on loopback) with steady load' })
  @ApiBody({ schema: jsonSchemaOf(CreateStackSchema), required: false })
  create(@Body() body: unknown) {
    return this.stacks.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List running stacks' })
  list() {
    return this.stacks.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stack: gateway URL, services and replicas (pid, restarts, health), active faults, load' })
  get(@Param('id') id: string) {
    return this.stacks.view(id);
  }

  @Put(':id/load')
  @ApiOperation({ summary: 'Change the stack\'s load rate' })
  @ApiBody({ schema: jsonSchemaOf(SetLoadSchema) })
  setLoad(@Param('id') id: string, @Body() body: unknown) {
    return this.stacks.setLoad(id, body);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revert the stack\'s faults and stop it' })
  remove(@Param('id') id: string) {
    return this.stacks.remove(id);
  }
}
