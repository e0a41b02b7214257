graphgen_macros::action! {
    /// Play prompts in a call.
    POST "/communications/calls/{id}/playPrompt" => play_prompt {
        path { id }
        body {
            prompts: collection(mediaPromt),
            clientContext?: String,
        }
        returns 200 playPromptOperation;
    }
}

fn main() {}
