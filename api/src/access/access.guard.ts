import {
  Injectable,
  InternalServerErrorException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { effectiveProjectRole, permissionScope } from '@jalon/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SESSION_COOKIE, SessionsService } from '../accounts/sessions.service';
import { fieldError, notFound, refuse } from '../common/api-errors';
import { RequestContext } from '../common/request-context';
import {
  ACCESS_RULE,
  OWNED_ENTITIES,
  type AccessRule,
  type AuthenticatedUser,
  type ProjectMembershipContext,
} from './access.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type JalonRequest = Request & {
  user?: AuthenticatedUser;
  sessionId?: string;
  membership?: ProjectMembershipContext;
};

/** Not a member, or no such project: the same answer, so project ids do not leak. */
export const PROJECT_NOT_FOUND = 'Project not found';

/**
 * The one place that decides access to every endpoint, from the route's access rule and the
 * permission table of @jalon/domain.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      throw new InternalServerErrorException(
        `${context.getClass().name}.${context.getHandler().name} declares no access rule`,
      );
    }
    const request = context.switchToHttp().getRequest<JalonRequest>();
    const routeProjectId = request.params['projectId'];
    const projectId = rule.kind === 'project' && typeof routeProjectId === 'string' && UUID.test(routeProjectId) ? routeProjectId : null;
    // The session's query also reads the caller's role on the route's project (one round trip).
    const session = await this.sessions.resolve(request.cookies?.[SESSION_COOKIE], projectId);
    if (session) {
      request.user = session.user;
      request.sessionId = session.sessionId;
      RequestContext.setActor({ id: session.user.id, email: session.user.email });
    }
    if (rule.kind === 'public') return true;

    const user = request.user;
    if (!user) throw refuse(401, 'unauthenticated', 'Sign in first');
    if (rule.kind === 'authenticated') return true;
    if (rule.kind === 'admin') {
      if (!user.isAdmin) throw refuse(403, 'forbidden', 'Only instance administrators may do this');
      return true;
    }

    // No project id when the route's is not a UUID: the same 404 as another project's.
    const project = session?.project;
    if (projectId === null || !project) throw refuse(404, 'not_found', PROJECT_NOT_FOUND);
    const role = project.role;
    if (!role && !(user.isAdmin && project.exists)) {
      throw refuse(404, 'not_found', PROJECT_NOT_FOUND);
    }
    // Instance administrators manage every project as its project manager would.
    const effectiveRole = effectiveProjectRole(role, user.isAdmin)!;
    const scope = permissionScope(effectiveRole, rule.permission);
    if (scope === 'none') {
      throw refuse(403, 'forbidden', `Your role on this project does not allow ${rule.permission}`);
    }
    if (scope === 'own' && rule.ownerOf) await this.assertOwner(request, projectId, user.id, rule.ownerOf);
    request.membership = { projectId, role, effectiveRole };
    return true;
  }

  /** Owner-or-permission: the row named by the route must be in the project and owned by the caller. */
  private async assertOwner(request: JalonRequest, projectId: string, userId: string, entity: keyof typeof OWNED_ENTITIES): Promise<void> {
    const { param, table, ownerColumn } = OWNED_ENTITIES[entity];
    const id = request.params[param];
    if (typeof id !== 'string' || !UUID.test(id)) {
      throw fieldError(400, param, `${param} must be a UUID`);
    }
    const rows: Array<{ owner: string | null }> = await this.dataSource.query(
      `SELECT ${ownerColumn} AS owner FROM ${table} WHERE id = $1 AND project_id = $2`,
      [id, projectId],
    );
    if (rows.length === 0) throw notFound(entity, id);
    if (rows[0]!.owner !== userId) {
      throw refuse(403, 'forbidden', `Members with your role change only the ${entity}s assigned to them`);
    }
  }
}
