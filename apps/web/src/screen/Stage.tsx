/**
 * The stage (舞台): the screen is laid out once, at 1920×1080, and scaled as a whole to the display — a 3840×2160
 * wall doubles it, a 1366×768 laptop shrinks it — centred, the rest dark. `scale` goes to the map and charts so they
 * draw at the wall's own resolution rather than being blown up.
 */
import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';

export const STAGE = { width: 1920, height: 1080 } as const;
const ScaleContext = createContext(1);
/** How many display pixels one stage pixel is (times the device's own ratio). */
export const useStageScale = () => useContext(ScaleContext);

export function Stage({ children }: { children: ReactNode }) {
  const [fit, setFit] = useState({ scale: 1, left: 0, top: 0 });
  useLayoutEffect(() => {
    const resize = () => {
      const scale = Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height);
      setFit({ scale, left: (window.innerWidth - STAGE.width * scale) / 2, top: (window.innerHeight - STAGE.height * scale) / 2 });
    };
    resize();
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  return (
    <div className="scr-viewport">
      <div
        className="scr-stage"
        style={{ width: STAGE.width, height: STAGE.height, transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})` }}
      >
        <ScaleContext.Provider value={fit.scale * (window.devicePixelRatio || 1)}>{children}</ScaleContext.Provider>
      </div>
    </div>
  );
}
