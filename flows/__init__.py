from flows import native as _native

NATIVE = _native.use()   # compiled copies of the hot modules, when current (flows/native.py)
