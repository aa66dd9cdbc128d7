// Controllable stand-ins for the Slidev glue used by the lab bench (see vi.mock in LabBench*.test.ts).
import { ref } from 'vue'

export const slide = { renderContext: ref('slide'), active: ref(true), print: ref(false) }
export const slidevMock = {
  useSlideContext: () => ({ $renderContext: slide.renderContext }),
  useIsSlideActive: () => slide.active,
  useNav: () => ({ isPrintMode: slide.print }),
}
