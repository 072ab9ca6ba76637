import { m } from '$lib/paraglide/messages.js';
import type { VoiceLanguage } from './vocabulary';

export function voiceLanguageLabel(language: VoiceLanguage): string {
	switch (language) {
		case 'es':
			return m.voice_language_es();
		case 'qu':
			return m.voice_language_qu();
		case 'ay':
			return m.voice_language_ay();
		case 'other':
			return m.voice_language_other();
	}
}
