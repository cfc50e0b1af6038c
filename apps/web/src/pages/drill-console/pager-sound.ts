/**
 * The pager's beep: two short tones from Web Audio (no audio file to load). Off unless the
 * responder turns it on; the choice is remembered for the browser tab's origin.
 */
const SOUND_KEY = 'firedrill-pager-sound';

export function soundPreference(storage: Storage = localStorage): boolean {
  return storage.getItem(SOUND_KEY) === 'on';
}

export function saveSoundPreference(on: boolean, storage: Storage = localStorage): void {
  storage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

let context: AudioContext | null = null;

/** Plays the page tone; silently does nothing where audio is unavailable or not yet allowed. */
export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
  } catch {
    // No audio device or autoplay refused: the banner still pages.
  }
}
