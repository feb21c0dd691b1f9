print("hello, v1")
