// The words of an assembly, as stored: kinds, statuses, agenda points and attendance marks. Pure.

export const ASSEMBLY_KINDS = ['ordinary', 'extraordinary'] as const;
export type AssemblyKind = (typeof ASSEMBLY_KINDS)[number];
export const ASSEMBLY_STATUSES = ['convened', 'in_session', 'closed', 'cancelled'] as const;
export type AssemblyStatus = (typeof ASSEMBLY_STATUSES)[number];
export const AGENDA_POINT_KINDS = ['previous_acta', 'report', 'decision', 'other'] as const;
export type AgendaPointKind = (typeof AGENDA_POINT_KINDS)[number];
export const ATTENDANCE_STATUSES = ['present', 'proxy', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
