// What the vote page hands to its parts (the components beside it): the loaded data, the answer
// of the form that was sent, and the options with their labels.
import type { ComponentProps } from 'svelte';
import type Ballot from '$lib/components/voting/Ballot.svelte';
import type { PageData } from './$types';

export type VoteOption = PageData['options'][number] & { label: string };

/** What every ballot form on the page (own, proxies, assisted) shares. */
export type BallotBase = Pick<
	ComponentProps<typeof Ballot>,
	'kind' | 'style' | 'options' | 'budget' | 'secret'
>;
