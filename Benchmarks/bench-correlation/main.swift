print("bench-correlation: not written yet")
