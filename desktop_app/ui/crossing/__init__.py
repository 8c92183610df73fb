"""The crossing day in the window: the check-in screen at the gate and the printed boarding list."""
