print("bench-reading: not written yet")
