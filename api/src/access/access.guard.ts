import {
  Injectable,
  InternalServerErrorException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { roleAllows } from '@jalon/domain';
import { MembershipsService } from '../accounts/memberships.service';
import { SESSION_COOKIE, SessionsService } from '../accounts/sessions.service';
import { refuse } from '../common/api-errors';
import { RequestContext } from '../common/request-context';
import { ACCESS_RULE, type AccessRule, type AuthenticatedUser, type ProjectMembershipContext } from './access.decorators';

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
    private readonly memberships: MembershipsService,
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
    const session = await this.sessions.resolve(request.cookies?.[SESSION_COOKIE]);
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

    const projectId = request.params['projectId'];
    if (typeof projectId !== 'string' || !UUID.test(projectId)) throw refuse(404, 'not_found', PROJECT_NOT_FOUND);
    const role = await this.memberships.roleOf(projectId, user.id);
    if (!role && !(user.isAdmin && (await this.memberships.projectExists(projectId)))) {
      throw refuse(404, 'not_found', PROJECT_NOT_FOUND);
    }
    // Instance administrators manage every project as its project manager would.
    const effectiveRole = role ?? 'project_manager';
    if (!roleAllows(effectiveRole, rule.permission)) {
      throw refuse(403, 'forbidden', `Your role on this project does not allow ${rule.permission}`);
    }
    request.membership = { projectId, role };
    return true;
  }
}
