import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MY_TREATMENTS_HORIZON_DAYS, addDays, isTreatmentOverdue, type MyRiskTreatmentDto } from '@jalon/risks';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '../access/access.decorators';
import { Clock } from '../clock/clock';

/** The caller's risk treatments falling due, across the projects they are a member of (« Mes tâches »). */
@ApiTags('risks')
@Controller('me/risk-treatments')
export class MyRiskTreatmentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Open treatments (planned, in progress) of open risks (identified, in treatment) that the caller
   * owns, in projects they are still a member of, due within the next
   * MY_TREATMENTS_HORIZON_DAYS days or overdue; overdue first, then by due date.
   */
  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'MyRiskTreatmentDto[] of @jalon/risks, overdue ones flagged' })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<MyRiskTreatmentDto[]> {
    const today = this.clock.today();
    const rows = (await this.dataSource.query(
      `SELECT t.project_id AS "projectId", p.name AS "projectName", r.id AS "riskId", r.reference AS "riskReference",
              r.title AS "riskTitle", t.id AS "treatmentId", t.title, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.status
         FROM risk_treatment t
         JOIN risk r ON r.id = t.risk_id
         JOIN project p ON p.id = t.project_id
         JOIN project_member m ON m.project_id = t.project_id AND m.user_id = t.owner_user_id
        WHERE t.owner_user_id = $1
          AND t.status IN ('planned', 'in_progress')
          AND r.status IN ('identified', 'in_treatment')
          AND t.due_date IS NOT NULL AND t.due_date <= $2::date
        ORDER BY t.due_date, p.name, r.reference, t.id`,
      [user.id, addDays(today, MY_TREATMENTS_HORIZON_DAYS)],
    )) as Omit<MyRiskTreatmentDto, 'overdue'>[];
    return rows.map((row) => ({ ...row, overdue: isTreatmentOverdue(row, today) }));
  }
}
