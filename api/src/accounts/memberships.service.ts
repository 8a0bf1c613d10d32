import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProjectRole } from '@jalon/domain';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError, notFound, refuse, staleVersion } from '../common/api-errors';
import { ProjectMemberEntity } from './entities/project-member.entity';
import { UserEntity } from './entities/user.entity';

export interface MemberView {
  userId: string;
  email: string;
  displayName: string;
  isActive: boolean;
  role: ProjectRole;
  version: number;
}

@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async rolesOf(userId: string): Promise<Map<string, ProjectRole>> {
    const members = await this.dataSource.getRepository(ProjectMemberEntity).findBy({ userId });
    return new Map(members.map((member) => [member.projectId, member.role]));
  }

  async list(projectId: string): Promise<MemberView[]> {
    const rows = await this.dataSource
      .getRepository(ProjectMemberEntity)
      .createQueryBuilder('member')
      .innerJoinAndMapOne('member.user', UserEntity, 'user', 'user.id = member.user_id')
      .where('member.project_id = :projectId', { projectId })
      .orderBy('user.display_name', 'ASC')
      .getMany();
    return rows.map((row) => {
      const user = (row as ProjectMemberEntity & { user: UserEntity }).user;
      return {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        isActive: user.isActive,
        role: row.role,
        version: row.version,
      };
    });
  }

  /**
   * Serialises the membership changes of one project: the project row is locked until the end of
   * the transaction, so two simultaneous demotions cannot both count the other as the remaining
   * project manager.
   */
  private async lockProject(m: EntityManager, projectId: string): Promise<void> {
    const rows: unknown[] = await m.query('SELECT id FROM project WHERE id = $1 FOR UPDATE', [projectId]);
    if (rows.length === 0) throw notFound('project', projectId, 'Project not found');
  }

  /**
   * Adds the user to the project, or changes their role; refuses to leave the project without a
   * manager. `version`, when given, is the membership's version the caller read (409 when stale).
   */
  async setRole(projectId: string, userId: string, role: ProjectRole, manager?: EntityManager, version?: number): Promise<void> {
    const work = async (m: EntityManager): Promise<void> => {
      await this.lockProject(m, projectId);
      if (!(await m.getRepository(UserEntity).existsBy({ id: userId, isActive: true }))) {
        throw fieldError(404, 'userId', `No active user ${userId}`, 'not_found');
      }
      const members = m.getRepository(ProjectMemberEntity);
      const existing = await members.findOne({ where: { projectId, userId }, lock: { mode: 'pessimistic_write' } });
      if (existing && version !== undefined && existing.version !== version) throw staleVersion('member', userId, existing.version);
      if (existing?.role === role) return;
      if (existing?.role === 'project_manager') await this.assertAnotherManager(m, projectId, userId);
      if (existing) {
        await members.update({ projectId, userId }, { role, version: existing.version + 1 });
      } else {
        await members.insert({ projectId, userId, role });
      }
      await this.audit.record(m, {
        projectId,
        entity: 'member',
        entityId: userId,
        action: existing ? 'update' : 'create',
        before: existing ? { role: existing.role } : undefined,
        after: { role },
      });
    };
    await (manager ? work(manager) : this.dataSource.transaction(work));
  }

  async remove(projectId: string, userId: string, version?: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.lockProject(m, projectId);
      const members = m.getRepository(ProjectMemberEntity);
      const existing = await members.findOne({ where: { projectId, userId }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw notFound('member', userId, `User ${userId} is not a member of this project`);
      if (version !== undefined && existing.version !== version) throw staleVersion('member', userId, existing.version);
      if (existing.role === 'project_manager') await this.assertAnotherManager(m, projectId, userId);
      await members.delete({ projectId, userId });
      await this.audit.record(m, { projectId, entity: 'member', entityId: userId, action: 'delete', before: { role: existing.role } });
    });
  }

  private async assertAnotherManager(manager: EntityManager, projectId: string, leavingUserId: string): Promise<void> {
    const others = await manager
      .getRepository(ProjectMemberEntity)
      .createQueryBuilder('member')
      .where('member.project_id = :projectId AND member.role = :role AND member.user_id <> :leavingUserId', {
        projectId,
        role: 'project_manager',
        leavingUserId,
      })
      .getCount();
    if (others === 0) {
      throw refuse(409, 'last_project_manager', 'A project keeps at least one project manager: name another one first');
    }
  }
}
