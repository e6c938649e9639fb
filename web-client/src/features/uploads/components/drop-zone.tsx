import { useId, useState, type DragEvent } from 'react';
import { ACCEPTED_EXTENSIONS } from '../lib/upload-queue';

type DropZoneProps = {
  onFiles: (files: File[]) => void;
  /** Shown under the prompt, e.g. the size limit. */
  hint?: string;
};

/**
 * A drop target wrapped around an ordinary file input, so keyboard and screen-reader users get the
 * native picker (the label is the whole zone) and mouse users can drag files onto it.
 */
export function DropZone({ onFiles, hint }: DropZoneProps) {
  const id = useId();
  const [dragging, setDragging] = useState(false);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  }

  return (
    <div
      className={['drop-zone', dragging ? 'drop-zone--active' : null].filter(Boolean).join(' ')}
      onDragEnter={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <label htmlFor={id} className="drop-zone__label">
        <span className="drop-zone__title">Drag photos here, or choose files</span>
        {hint && <span className="drop-zone__hint">{hint}</span>}
      </label>
      <input
        id={id}
        className="drop-zone__input"
        type="file"
        multiple
        accept={[...ACCEPTED_EXTENSIONS, 'image/jpeg', 'image/png'].join(',')}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          if (files.length > 0) onFiles(files);
          // The same file can be chosen again (e.g. after cancelling it).
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
