export * from './assemblies';
export * from './attendance';
export * from './decisions';
export * from './photo';
export * from '$lib/assemblies/quorum';
export * from './view';
export * from './acta-pdf';
