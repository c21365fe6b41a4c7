/** Save, Revert and the state of an edited config (problem, unsaved, applied), for the Bots page's editors. */
export function SaveBar(props: {
  dirty: boolean;
  saving: boolean;
  problem: string;
  onSave: () => void;
  onRevert: () => void;
  testIds: { save: string; problem: string };
}) {
  return (
    <div className="form-row">
      <button
        className="primary"
        disabled={!props.dirty || props.saving || Boolean(props.problem)}
        onClick={props.onSave}
        data-testid={props.testIds.save}
      >
        {props.saving ? '保存中…' : '保存并生效 Save & apply'}
      </button>
      <button className="secondary" disabled={!props.dirty} onClick={props.onRevert}>
        还原 Revert
      </button>
      {props.problem ? (
        <span className="form-error" data-testid={props.testIds.problem}>
          {props.problem}
        </span>
      ) : props.dirty ? (
        <span className="muted small">未保存的修改 · unsaved changes</span>
      ) : (
        <span className="form-ok small">已生效 · applied</span>
      )}
    </div>
  );
}
