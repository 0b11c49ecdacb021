/**
 * A figure that rolls (数字滚动) from what it showed to its new value, so a change catches the eye across the room.
 * Screen readers and tests read the value itself (data-value), not the frames.
 */
import { useEffect, useRef, useState } from 'react';

const ROLL_MS = 900;

export function RollingNumber({ value, decimals = 0, className }: { value: number; decimals?: number; className?: string }) {
  const [shown, setShown] = useState(value);
  const from = useRef(value);
  useEffect(() => {
    const start = performance.now();
    const begin = from.current;
    if (begin === value) return;
    let frame = 0;
    const step = (t: number) => {
      const k = Math.min(1, (t - start) / ROLL_MS);
      const eased = 1 - (1 - k) ** 3;
      const now = begin + (value - begin) * eased;
      from.current = now;
      setShown(now);
      if (k < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value]);
  const text = shown.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (
    <span className={className} data-value={value}>
      {text}
    </span>
  );
}
