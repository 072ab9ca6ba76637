// What the benchmarks share: a database with the bench association and its leader, made through
// the domain, and the percentile of a sorted list of timings.
import { createAssociation } from '$lib/server/associations';
import { registerUser } from '$lib/server/auth/users';
import { createDb, migrateToLatest, type Db } from '$lib/server/db';

/** The `p`th percentile (0–100) of timings sorted ascending. */
export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A migrated database at `file` holding the association "banco" and its leader. */
export async function benchAssociation(file: string) {
	const db = createDb(file);
	await migrateToLatest(db);
	return { db, ...(await seedBenchAssociation(db)) };
}

/** The association "banco" and its leader, in a database that is already migrated. */
export async function seedBenchAssociation(db: Db) {
	const leader = await registerUser(db, {
		username: 'bench.leader',
		display_name: 'Dirigente',
		password: 'correct horse battery'
	});
	const association = await createAssociation(db, leader, {
		name: 'Asociación de banco de pruebas',
		product: 'leche',
		municipality: 'Punata',
		department: 'Cochabamba',
		slug: 'banco'
	});
	return { leader, association };
}
