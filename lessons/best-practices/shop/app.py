print("shop is open")
