/** An observation's note (`Observation.note`), as plain text (it is untrusted FHIR text). */
export function Note({ text, className = 'obs-note' }: { text: string | undefined; className?: string }) {
  if (!text) return null;
  return (
    <p className={className}>
      <span className="obs-note__label">Note:</span> {text}
    </p>
  );
}
