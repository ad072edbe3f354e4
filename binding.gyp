{
  "targets": [
    {
      "target_name": "tsvirt_native",
      "sources": ["native/tsvirt_native.c"],
      "cflags": ["-Wall", "-Wextra", "-O2"]
    }
  ]
}
