import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AgendaDto, AgendaItemDto, AgendaProposalDto } from '@jalon/domain';
import { agendaMinutes, proposeAgenda } from '@jalon/meetings';
import { AuditTrail } from '../audit/audit-trail.service';
import { refuse, staleVersion } from '../common/api-errors';
import { agendaStateOf, MeetingFactsReader, type MeetingRow } from './agenda-proposal-state';

const ITEM_COLUMNS = `id, meeting_id AS "meetingId", position, kind, title, duration_minutes AS "durationMinutes", notes,
  carried_from_item_id AS "carriedFromItemId", carried_from_meeting_id AS "carriedFromMeetingId", version`;

/** The agenda Jalon proposes for a meeting from live data, and its application to a draft meeting. */
@Injectable()
export class AgendaProposalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: MeetingFactsReader,
    private readonly auditTrail: AuditTrail,
  ) {}

  async propose(projectId: string, meetingId: string): Promise<AgendaProposalDto> {
    const meeting = await this.facts.meeting(projectId, meetingId);
    return this.proposalFor(projectId, meeting);
  }

  private async proposalFor(projectId: string, meeting: MeetingRow): Promise<AgendaProposalDto> {
    const facts = await this.facts.facts(projectId, meeting);
    const items = proposeAgenda(agendaStateOf(facts, meeting));
    return {
      meetingId: meeting.id,
      meetingType: meeting.type,
      previousCopil: facts.previousCopil
        ? { id: facts.previousCopil.id, title: facts.previousCopil.title, startsAt: facts.previousCopil.startsAt.toISOString() }
        : null,
      baseline: facts.baseline ? { id: facts.baseline.id, name: facts.baseline.name, createdAt: facts.baseline.createdAt.toISOString() } : null,
      items,
      totalMinutes: agendaMinutes(items),
      meetingMinutes: meeting.durationMinutes,
    };
  }

  /**
   * Replaces the agenda of a draft (brouillon) meeting with the proposal, in one transaction:
   * every current item is deleted and the proposed ones are created, each with its audit entry.
   */
  async apply(projectId: string, meetingId: string, version: number | undefined): Promise<AgendaDto> {
    const read = await this.facts.meeting(projectId, meetingId);
    this.checkDraft(read, version);
    const proposal = await this.proposalFor(projectId, read);
    return this.dataSource.transaction(async (manager) => {
      // Locked and checked again: the meeting may have been convened since it was read.
      const meeting = await this.facts.meeting(projectId, meetingId, manager, true);
      this.checkDraft(meeting, version);
      const current = (await manager.query(`SELECT ${ITEM_COLUMNS} FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position`, [
        meetingId,
      ])) as AgendaItemDto[];
      if (current.length > 0) await manager.query(`DELETE FROM meeting_agenda_item WHERE meeting_id = $1`, [meetingId]);
      for (const item of current) {
        await this.auditTrail.record(manager, {
          projectId,
          entity: 'agenda_item',
          entityId: item.id,
          action: 'delete',
          before: { kind: item.kind, title: item.title, durationMinutes: item.durationMinutes, position: item.position },
          label: item.title,
        });
      }
      const items: AgendaItemDto[] = [];
      for (const [position, proposed] of proposal.items.entries()) {
        const rows = (await manager.query(
          `INSERT INTO meeting_agenda_item (project_id, meeting_id, position, kind, title, duration_minutes)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ITEM_COLUMNS}`,
          [projectId, meetingId, position, proposed.kind, proposed.title.slice(0, 300), proposed.durationMinutes],
        )) as AgendaItemDto[];
        const item = rows[0] as AgendaItemDto;
        items.push(item);
        await this.auditTrail.record(manager, {
          projectId,
          entity: 'agenda_item',
          entityId: item.id,
          action: 'create',
          after: { kind: item.kind, title: item.title, durationMinutes: item.durationMinutes, position: item.position },
          label: item.title,
        });
      }
      const totalMinutes = agendaMinutes(items);
      return { items, totalMinutes, meetingMinutes: meeting.durationMinutes, overrunMinutes: totalMinutes - meeting.durationMinutes };
    });
  }

  private checkDraft(meeting: MeetingRow, version: number | undefined): void {
    if (meeting.minutesFrozenAt !== null) throw refuse(409, 'meeting_closed', `The meeting ${meeting.id} is closed: its minutes are frozen`);
    if (version !== undefined && meeting.version !== version) throw staleVersion('meeting', meeting.id, meeting.version);
    if (meeting.status !== 'brouillon') {
      throw refuse(409, 'conflict', `Only a draft meeting's agenda is replaced by the proposal (this one is ${meeting.status})`, {
        fields: [{ field: 'status', messages: ['the meeting must be a draft (brouillon)'] }],
      });
    }
  }
}
