// What the assembly page hands to its parts (the components beside it): the loaded data, the
// answer of the form that was sent, and the agenda's points.
import type { PageData } from './$types';

export type AgendaPoint = PageData['points'][number];
