echo "hello world!"
