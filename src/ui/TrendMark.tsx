import { VisuallyHidden } from './VisuallyHidden';

export type TrendDirection = 'up' | 'down' | 'same';

const MARKS: Record<TrendDirection, string> = { up: '↑', down: '↓', same: '→' };
const WORDS: Record<TrendDirection, string> = { up: 'Up', down: 'Down', same: 'Unchanged' };

/**
 * One trend mark with its meaning in text: "↑ from 94 (17 Sep)", read as "Up from 94 (17 Sep)"; "→ unchanged
 * since 17 Sep". `subject` names what the arrow is about when the value has parts (BP: "Systolic").
 */
export function TrendMark({ direction, from, since, subject }: { direction: TrendDirection; from: string; since: string; subject?: string }) {
  const words = subject ? `${subject} ${WORDS[direction].toLowerCase()}` : WORDS[direction];
  // "same" reads as its visible words; the arrows of up and down are spoken as "Up" / "Down".
  return (
    <span className={`trend trend--${direction}`}>
      <span aria-hidden="true" className="trend__mark">
        {MARKS[direction]}
      </span>
      {direction === 'same' ? (
        <> {subject ? `${subject.toLowerCase()} unchanged` : 'unchanged'} since {since}</>
      ) : (
        <>
          <VisuallyHidden>{words}</VisuallyHidden> from {from} ({since})
        </>
      )}
    </span>
  );
}
