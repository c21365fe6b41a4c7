/** Pretty JSON in a scrollable block (payloads in the live log and the playground). */
export function JsonView(props: { value: unknown; maxHeight?: number; testId?: string }) {
  let text: string;
  try {
    text = JSON.stringify(props.value, null, 2) ?? 'undefined';
  } catch {
    text = String(props.value);
  }
  return (
    <pre className="json-view" style={props.maxHeight ? { maxHeight: props.maxHeight } : undefined} data-testid={props.testId}>
      {text}
    </pre>
  );
}
